// The engine's public API (re-exports only).
export { Environment } from './environment.ts';
export { Event, EventState, Priority, type EventCallback } from './event.ts';
export { Process, type ProcessGenerator } from './process.ts';
export { Condition, allDone, anyDone, type ConditionEvaluate } from './condition.ts';
export { Timer } from './timer.ts';
export { Interrupt, EmptySchedule } from './errors.ts';
export { BaseResource } from './base-resource.ts';
export { Resource, Request } from './resource.ts';
export { Store, StorePut, StoreGet } from './store.ts';
export { Container, ContainerPut, ContainerGet } from './container.ts';
export { Fifo } from './fifo.ts';
export { EventQueue, packKey, SEQ_SPAN, MAX_PRIORITY } from './event-queue.ts';
export { RandomStreams, createRng, type Rng } from './rng.ts';

// The engine's public API (re-exports only). A SimPy-style discrete-event core, unit-agnostic.
//   const env = new Environment();                      // clock env.now = 0
//   env.process(function* () { const v = yield env.timeout(5, 'x'); return v; });
//   env.run();  env.run(10);  env.run(someEvent);  env.step();  env.peek();
//   env.event() / ev.succeed(v) / ev.fail(err); env.allOf([...]) / env.anyOf([...]);
//   const t = env.schedule(delay, fn, arg); t.cancel();  // cheap re-timing, lazily deleted
//   new Resource(env, n).request()/release(req); new Store<T>(env, cap).put(x)/get();
//   new Container(env, cap, init).put(amount)/get(amount)
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

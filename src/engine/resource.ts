// A Resource: `capacity` identical slots handed out first come, first served. `request()` is an
// event that succeeds when a slot is granted; `release(request)` frees it (or withdraws the request
// if it was not granted yet). Release is synchronous and schedules no event of its own (unlike
// SimPy's Release event): it frees the slot and grants the next waiter at once.
// Invariant: 0 <= count <= capacity; grants happen in request order.
import { Event } from './event.ts';
import type { Environment } from './environment.ts';
import { BaseResource } from './base-resource.ts';

/** Request._hold bits. */
const GRANTED = 1;
const RELEASED = 2;

export class Request extends Event<void> {
  readonly resource: Resource;
  /** @internal GRANTED and RELEASED bits (one field, so a request stays small). */ _hold: number;

  /** @internal Use `resource.request()`. */
  constructor(resource: Resource) {
    super(resource.env);
    // Assigned here, not as field initializers (slower to construct on Node 20's V8).
    this.resource = resource;
    this._hold = 0;
  }

  /** True once the request holds a slot (until released). */
  get granted(): boolean {
    return this._hold === GRANTED;
  }
}

export class Resource extends BaseResource<Request, never> {
  private _count = 0;

  constructor(env: Environment, capacity = 1) {
    super(env, capacity);
  }

  /** Slots in use. */
  get count(): number {
    return this._count;
  }

  /** Requests waiting for a slot. */
  get queueLength(): number {
    return this.putQueue.length;
  }

  /** Asks for a slot; the returned event succeeds when it is granted. */
  request(): Request {
    const req = new Request(this);
    if (this._count < this.capacity) {
      // Nobody waiting and a slot free: grant at once, FIFO order holds without queueing.
      if (this.putQueue.length === 0) this.grant(req);
      else this.enqueuePut(req);
    } else {
      // Every slot taken: only a release can grant, and release serves the queue head, so
      // queueing without a settle pass is what settle would do (doPut fails for every waiter).
      this.putQueue.push(req);
    }
    return req;
  }

  /** Frees the slot held by `req`, or withdraws it if still waiting. Idempotent. */
  release(req: Request): void {
    // The common case (a granted request of this resource) is kept short enough to inline into
    // the process bodies that call it; everything else goes to releaseRare.
    if (req._hold !== GRANTED || req.resource !== this) {
      this.releaseRare(req);
      return;
    }
    req._hold = GRANTED | RELEASED;
    // One slot freed: at most the oldest waiter can be granted (no general settle needed).
    if (this.putQueue.length > 0) this.passSlot(this.putQueue.shift());
    else this._count--;
  }

  /** release() of a request of another resource, already released, or still waiting. */
  private releaseRare(req: Request): void {
    if (req.resource !== this) throw new Error('release: request belongs to another resource');
    if ((req._hold & RELEASED) !== 0) return;
    req._hold |= RELEASED; // not granted yet: withdraw it
    this.cancel(req);
  }

  /** The freed slot passes to `next` (count stays the same). */
  private passSlot(next: Request): void {
    next._hold = GRANTED;
    next.succeed();
  }

  protected doPut(req: Request): boolean {
    if (this._count >= this.capacity) return false;
    this.grant(req);
    return true;
  }

  protected doGet(): boolean {
    return false; // no get queue: release never waits
  }

  private grant(req: Request): void {
    this._count++;
    req._hold = GRANTED;
    req.succeed();
  }
}

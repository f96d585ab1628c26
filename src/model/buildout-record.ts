// A run's buildout records and the landings that carry them, built by constructors, not object
// literals. Every run places dozens of orders and the early ones outlive a scavenge or two, so V8's
// allocation-site feedback pretenured the literals: later runs then built every record in old space,
// where it died with its run and waited for a full collection (src/params/packed-map.ts has the
// project's rule). A class instance has no allocation site: it is allocated young, inline.
import type { Order } from '../planner/orders.ts';
import type { Buildout } from '../result/types.ts';

/** A Buildout, its fields assigned in the result's key order (`declare` emits no class fields, so
 * nothing else becomes a key). */
export class BuildoutRecord implements Buildout {
  declare id: Buildout['id'];
  declare kind: Buildout['kind'];
  declare site: Buildout['site'];
  declare amount: Buildout['amount'];
  declare unit: Buildout['unit'];
  declare item: Buildout['item'];
  declare ordered_at: Buildout['ordered_at'];
  declare lands_at: Buildout['lands_at'];
  declare landed: Buildout['landed'];
  declare origin: Buildout['origin'];
  constructor(
    id: number,
    kind: Buildout['kind'],
    site: string,
    amount: number,
    unit: Buildout['unit'],
    item: string | null,
    orderedAt: number,
  ) {
    this.id = id;
    this.kind = kind;
    this.site = site;
    this.amount = amount;
    this.unit = unit;
    this.item = item;
    this.ordered_at = orderedAt;
    this.lands_at = null;
    this.landed = false;
    this.origin = 'planner';
  }
}

/** An order on its way and its record: the payload of the timer that lands it. */
export class Landing {
  constructor(
    readonly o: Order,
    readonly record: Buildout,
  ) {}
}

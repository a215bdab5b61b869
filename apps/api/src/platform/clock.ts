/** The only source of "now". Rules receive `now` as an argument; services get a Clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and moves only when told. */
export function fixedClock(
  start: Date | string,
): Clock & { advanceSeconds(s: number): void; set(d: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    advanceSeconds(s: number) {
      current = new Date(current.getTime() + s * 1000);
    },
    set(d: Date | string) {
      current = new Date(d);
    },
  };
}

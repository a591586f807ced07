// Small statistics and reporting helpers shared by every section.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounded for humans (and for results.json, so two runs diff cleanly). */
export function round(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Run `contenders` in interleaved rounds: every round runs each contender once (A B C D), so a
 * slow patch of the machine (another process, thermal throttling) hits all of them alike rather
 * than one. The starting contender rotates each round, so none always runs first (right after the
 * previous group's allocations) or last. Warm-up rounds are run first and thrown away.
 *
 * `sample(name)` returns one measurement (a throughput, a time); the result maps each name to its
 * list of samples, one per measured round, in round order, so ratios can be taken per round.
 */
export async function interleave(names, sample, { rounds, warmup = 1 }) {
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = -warmup; r < rounds; r++) {
    const start = ((r % names.length) + names.length) % names.length;
    for (let i = 0; i < names.length; i++) {
      const name = names[(start + i) % names.length];
      const value = await sample(name);
      if (r >= 0) samples[name].push(value);
    }
  }
  return samples;
}

/** The median of per-round ratios a/b: pairs samples taken moments apart, which cancels drift. */
export function medianRatio(a, b) {
  return median(a.map((value, i) => value / b[i]));
}

/**
 * One line of results.json. `goal` is `{ op, value }` (op is '>=' or '<=') or null for a figure
 * reported for context only; `pass` is then null too.
 */
export function entry(name, value, unit, goal, extra = {}) {
  const pass = goal ? (goal.op === '>=' ? value >= goal.value : value <= goal.value) : null;
  const goalText = goal && `${goal.op === '>=' ? '≥' : '≤'} ${goal.value}${unit.startsWith('×') ? '×' : ` ${unit}`}`;
  return { name, value: round(value), unit, goal: goalText, pass, ...extra };
}

export const atLeast = (value) => ({ op: '>=', value });
export const atMost = (value) => ({ op: '<=', value });

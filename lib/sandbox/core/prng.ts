/** A small seeded PRNG (sfc32 seeded through splitmix32): same seed ⇒ same stream on every platform. */
export interface Prng {
  nextUint32(): number;
  /** `count` random bytes. */
  bytes(count: number): Buffer;
  /** `length` lowercase hex digits. */
  hex(length: number): string;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createPrng(seed: number): Prng {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  function nextUint32(): number {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  }
  for (let i = 0; i < 12; i++) nextUint32();

  function bytes(count: number): Buffer {
    const out = Buffer.allocUnsafe(count);
    for (let i = 0; i < count; i += 4) {
      const word = nextUint32();
      out[i] = word & 0xff;
      if (i + 1 < count) out[i + 1] = (word >>> 8) & 0xff;
      if (i + 2 < count) out[i + 2] = (word >>> 16) & 0xff;
      if (i + 3 < count) out[i + 3] = word >>> 24;
    }
    return out;
  }

  function hex(length: number): string {
    return bytes(Math.ceil(length / 2))
      .toString("hex")
      .slice(0, length);
  }

  return { nextUint32, bytes, hex };
}

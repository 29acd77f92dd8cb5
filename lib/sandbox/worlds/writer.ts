import type { SandboxApi, SandboxService } from "../types";
import { contextFor, type Actor } from "./actors";
import type { SimClock } from "./clock";
import type { Random } from "./random";

/** What world builders write through: the sandbox API, the world's PRNG and its simulated clock. */
export interface WorldWriter {
  api: SandboxApi;
  random: Random;
  clock: SimClock;
  /** Calls one operation at the clock's current time, after moving it forward a few seconds. */
  call(
    actor: Actor,
    region: string,
    operation: string,
    input: Record<string, unknown>,
    service?: SandboxService,
  ): CallResult;
  /** Number of operations called so far. */
  readonly callCount: number;
}

export interface CallResult {
  output: unknown;
  time: Date;
}

export function createWorldWriter(api: SandboxApi, random: Random, clock: SimClock): WorldWriter {
  let callCount = 0;
  return {
    api,
    random,
    clock,
    get callCount() {
      return callCount;
    },
    call(actor, region, operation, input, service = "kms") {
      const time = clock.advance(1, 4);
      callCount++;
      try {
        return {
          output: api.call(service, operation, input, contextFor(actor, region, time)),
          time,
        };
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new Error(
          `world builder: ${operation} in ${region} as ${actor.principalArn} failed (${reason})`,
          { cause: error },
        );
      }
    },
  };
}

/**
 * The e2e web servers: the demo dashboard, a second one that requires a token, and a third whose
 * sandbox has a region down (its snapshots are incomplete).
 */
export const DASHBOARD_PORT = Number(process.env.E2E_PORT ?? 3100);
export const TOKEN_SERVER = {
  port: DASHBOARD_PORT + 1,
  token: "e2e-token-6f1c2b9a",
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  },
};

export const DOWN_REGION_SERVER = {
  port: DASHBOARD_PORT + 2,
  /** Down in the sandbox: every scan of this server fails there. */
  downRegion: "us-east-1",
  regions: "us-east-1,eu-west-1,ap-northeast-1",
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  },
};

/** A dashboard a test starts itself while another process holds its store (not a webServer). */
export const STORE_HELD_PORT = DASHBOARD_PORT + 3;
/** The dashboard of e2e/workers.spec.ts, on a job queue. */
export const QUEUE_DASHBOARD_PORT = DASHBOARD_PORT + 4;
/** The dashboard of e2e/overview-org.spec.ts, on an Organization of the sandbox's org world. */
export const ORG_DASHBOARD_PORT = DASHBOARD_PORT + 5;

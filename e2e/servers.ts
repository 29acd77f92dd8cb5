/** The e2e web servers: the demo dashboard, and a second one that requires a token. */
export const DASHBOARD_PORT = Number(process.env.E2E_PORT ?? 3100);
export const TOKEN_SERVER = {
  port: DASHBOARD_PORT + 1,
  token: "e2e-token-6f1c2b9a",
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  },
};

import { describe, expect, it } from "vitest";
import {
  decodeRouteParam,
  hasMalformedPath,
  refusedMethod,
  requestShapeProblem,
} from "./request-shape";

describe("decodeRouteParam", () => {
  it("decodes, or answers null for malformed percent-encoding", () => {
    expect(decodeRouteParam("111122223333%3Aalias%2Fapp")).toBe("111122223333:alias/app");
    expect(decodeRouteParam("%25")).toBe("%");
    for (const bad of ["%E0%A4%A", "%ZZ", "%FF%FE", "%"])
      expect(decodeRouteParam(bad), bad).toBeNull();
  });
});

describe("hasMalformedPath", () => {
  it("looks at every segment", () => {
    expect(hasMalformedPath("/families/111122223333%3Aalias%2Fapp")).toBe(false);
    expect(hasMalformedPath("/api/families/%E0%A4%A")).toBe(true);
    expect(hasMalformedPath("/%ZZ/families")).toBe(true);
  });
});

describe("refusedMethod", () => {
  it("lets pages read and the API also POST", () => {
    expect(refusedMethod("GET", "/families")).toBeNull();
    expect(refusedMethod("head", "/")).toBeNull();
    expect(refusedMethod("POST", "/")).toBe("GET, HEAD");
    expect(refusedMethod("POST", "/api/scan")).toBeNull();
    expect(refusedMethod("TRACE", "/api/scan")).toBe("GET, HEAD, POST");
    expect(refusedMethod("PUT", "/api")).toBe("GET, HEAD, POST");
  });
});

describe("requestShapeProblem", () => {
  it("checks the Host before the path and the path before the method", () => {
    const problem = (host: string, pathname: string, method = "GET") =>
      requestShapeProblem({ method, pathname, host }, [])?.code ?? null;
    expect(problem("evil.example", "/%ZZ", "TRACE")).toBe("misdirected_request");
    expect(problem("127.0.0.1", "/%ZZ", "TRACE")).toBe("bad_request");
    expect(problem("127.0.0.1", "/", "TRACE")).toBe("method_not_allowed");
    expect(problem("127.0.0.1", "/")).toBeNull();
  });
});

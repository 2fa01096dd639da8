import { describe, expect, it } from "vitest";
import { decideScrape, isLoopbackAddress } from "./scrape-access";

const local = { authorization: undefined, remoteAddress: "127.0.0.1", forwarded: false };

describe("who may scrape /metrics", () => {
  it("knows the loopback addresses, IPv4, IPv6 and IPv4-mapped", () => {
    for (const a of ["127.0.0.1", "127.8.0.3", "::1", "::ffff:127.0.0.1"])
      expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ["10.0.0.1", "192.168.1.2", "::ffff:10.0.0.1", "fe80::1", "", undefined])
      expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it("without a token serves loopback callers only, and answers 404 to anyone else", () => {
    expect(decideScrape(undefined, local)).toBe(200);
    expect(decideScrape(undefined, { ...local, remoteAddress: "10.1.2.3" })).toBe(404);
    expect(decideScrape(undefined, { ...local, remoteAddress: undefined })).toBe(404);
    // A reverse proxy on the same host is loopback to us, but its caller is not.
    expect(decideScrape(undefined, { ...local, forwarded: true })).toBe(404);
  });

  it("with a token wants exactly that bearer token, from anywhere", () => {
    const token = "metrics-secret-0123456789";
    expect(decideScrape(token, local)).toBe(401);
    expect(decideScrape(token, { ...local, authorization: "Bearer wrong" })).toBe(401);
    expect(decideScrape(token, { ...local, authorization: `Bearer ${token}x` })).toBe(401);
    expect(
      decideScrape(token, {
        ...local,
        remoteAddress: "10.1.2.3",
        authorization: `Bearer ${token}`,
      }),
    ).toBe(200);
  });
});

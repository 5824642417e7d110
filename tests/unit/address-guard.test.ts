import { describe, expect, it } from "vitest";
import { classifyAddress, isLoopbackAddress } from "@/lib/net/address-guard";
import { parseHostLiteral } from "@/lib/net/host-literal";

describe("classifyAddress", () => {
  it.each([
    // IPv4
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link_local"],
    ["169.254.0.1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.254", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.200", "documentation"],
    ["192.0.0.8", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.88.99.1", "reserved"],
    // IPv4 neighbours of the blocked ranges stay public
    ["8.8.8.8", "public"],
    ["172.15.255.255", "public"],
    ["172.32.0.0", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.0", "public"],
    ["169.253.255.255", "public"],
    ["192.169.0.1", "public"],
    ["223.255.255.255", "public"],
    ["11.0.0.1", "public"],
    // IPv6
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["febf::1", "link_local"],
    ["fec0::1", "reserved"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001::1", "reserved"],
    ["100::1", "reserved"],
    ["64:ff9b:1::1", "reserved"],
    ["2606:4700:4700::1111", "public"],
    ["2a00:1450:4007:80c::200e", "public"],
    // IPv6 forms that carry an IPv4 address are judged by it
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.5", "private"],
    ["::ffff:a9fe:a9fe", "link_local"],
    ["::ffff:8.8.8.8", "public"],
    ["::ffff:0:7f00:1", "loopback"],
    ["::127.0.0.1", "loopback"],
    ["::a9fe:a9fe", "link_local"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::169.254.169.254", "link_local"],
    ["64:ff9b::808:808", "public"],
    ["2002:7f00:1::", "loopback"],
    ["2002:a00:5::1", "private"],
    ["2002:a9fe:a9fe::", "link_local"],
    ["2002:808:808::1", "public"],
    // Brackets, numeric spellings, garbage
    ["[::1]", "loopback"],
    ["2130706433", "loopback"],
    ["0177.0.0.1", "loopback"],
    ["0x7f.0.0.1", "loopback"],
    ["127.1", "loopback"],
    ["0xa9fea9fe", "link_local"],
    ["example.com", "invalid"],
    ["", "invalid"],
    ["1.2.3.4.5", "invalid"],
    ["::g", "invalid"],
  ])("%s → %s", (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });
});

describe("isLoopbackAddress (what the local-provider setting lets through)", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.1", false],
    ["169.254.169.254", false],
    ["::", false],
    ["0.0.0.0", false],
    ["fe80::1", false],
    // These reach 127/8 on another machine (a NAT64 gateway, a 6to4 relay): not local.
    ["64:ff9b::7f00:1", false],
    ["2002:7f00:1::", false],
    ["localhost", false],
  ])("%s → %s", (ip, expected) => {
    expect(isLoopbackAddress(ip)).toBe(expected);
  });
});

describe("parseHostLiteral", () => {
  it.each([
    ["2130706433", "127.0.0.1"],
    ["0177.0.0.1", "127.0.0.1"],
    ["0x7f.0.0.1", "127.0.0.1"],
    ["0X7F.0.0.1", "127.0.0.1"],
    ["0x7f000001", "127.0.0.1"],
    ["127.1", "127.0.0.1"],
    ["127.0.1", "127.0.0.1"],
    ["10.1", "10.0.0.1"],
    ["0", "0.0.0.0"],
    ["0x", "0.0.0.0"],
    ["127.0.0.1.", "127.0.0.1"],
    ["0251.0376.0251.0376", "169.254.169.254"],
    ["134744072", "8.8.8.8"],
    ["4294967295", "255.255.255.255"],
  ])("recognises %s as the non-canonical spelling of %s", (host, address) => {
    expect(parseHostLiteral(host)).toEqual({ kind: "ipv4", address, canonical: false });
  });

  it("marks the dotted quad as canonical", () => {
    expect(parseHostLiteral("127.0.0.1")).toEqual({ kind: "ipv4", address: "127.0.0.1", canonical: true });
    expect(parseHostLiteral("8.8.8.8")).toEqual({ kind: "ipv4", address: "8.8.8.8", canonical: true });
  });

  it.each(["4294967296", "256.0.0.1", "1.2.3.4.5", "1.2.3.08", "foo.0x7f", "1.2.0x1000000", "09"])(
    "treats %s as numeric but not an address",
    (host) => {
      expect(parseHostLiteral(host)).toEqual({ kind: "numeric_invalid" });
    },
  );

  it("recognises IPv6 literals with and without brackets", () => {
    expect(parseHostLiteral("[::1]")).toEqual({ kind: "ipv6", address: "::1" });
    expect(parseHostLiteral("::ffff:7f00:1")).toEqual({ kind: "ipv6", address: "::ffff:7f00:1" });
  });

  it.each([
    "example.com",
    "login.microsoftonline.com",
    "1.2.3.example",
    "0x7f.example",
    "localhost",
    "[nope]",
  ])("leaves the name %s to the resolver", (host) => {
    expect(parseHostLiteral(host)).toBeNull();
  });
});

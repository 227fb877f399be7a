using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ReferralHub.Gateway.Webhooks;

/// <summary>
/// Which network addresses a webhook may reach, so that the hub cannot be turned against its own network (SSRF):
/// public unicast addresses only. Loopback, private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254),
/// unique-local, multicast, unspecified, documentation and other special-purpose ranges are refused — IPv4 and IPv6,
/// IPv4 embedded in IPv6 (mapped, NAT64, 6to4) judged as the IPv4 address it carries. In Development, loopback is
/// allowed (local receivers, the tests). <see cref="WebhookOptions.AllowedPrivateNetworks"/> lets operators permit
/// specific networks, addresses or host names.
/// </summary>
public sealed class WebhookNetworks(IHostEnvironment environment, IOptions<WebhookOptions> options)
{
    private static readonly (IPNetwork Network, string Kind)[] Restricted =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "special-purpose"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), "special-purpose"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("::/96"), "unspecified or IPv4-compatible"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64"),
        (IPNetwork.Parse("100::/64"), "discard"),
        (IPNetwork.Parse("2001::/32"), "Teredo"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private const string Loopback = "loopback";

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>Why the address is not public (e.g. <c>private</c>, <c>link-local</c>), or null when it is.</summary>
    public static string? Restriction(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var judged = Embedded(address);
        return Restricted.FirstOrDefault(r => r.Network.BaseAddress.AddressFamily == judged.AddressFamily && r.Network.Contains(judged)).Kind;
    }

    /// <summary>
    /// Whether a webhook may connect to <paramref name="address"/>, reached by the name <paramref name="host"/>: a public
    /// address; loopback in Development; or an address, network or host name the operators allow-listed.
    /// </summary>
    public bool Permits(string host, IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Restriction(address) is not { } restriction)
        {
            return true;
        }

        if (restriction == Loopback && environment.IsDevelopment())
        {
            return true;
        }

        var judged = Embedded(address);
        foreach (var entry in options.Value.AllowedPrivateNetworks)
        {
            if (Network(entry) is { } network
                ? network.BaseAddress.AddressFamily == judged.AddressFamily && network.Contains(judged)
                : string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names that stand for loopback without asking DNS (RFC 6761): <c>localhost</c> and <c>*.localhost</c>.</summary>
    public static bool IsLoopbackName(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    /// <summary>An allow-list entry is a CIDR network, an IP address, or a DNS host name.</summary>
    public static bool IsValidEntry(string entry) =>
        Network(entry) is not null || Uri.CheckHostName(entry) == UriHostNameType.Dns;

    private static IPNetwork? Network(string entry)
    {
        if (IPNetwork.TryParse(entry, out var network))
        {
            return network;
        }

        return IPAddress.TryParse(entry, out var single) ? new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) : null;
    }

    /// <summary>The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4), or the address itself.</summary>
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        if (Nat64.Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return SixToFour.Contains(address) ? new IPAddress(bytes.AsSpan(2, 4)) : address;
    }
}

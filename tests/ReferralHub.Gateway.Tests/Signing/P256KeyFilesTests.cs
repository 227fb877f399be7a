using System.Security.Cryptography;
using ReferralHub.Gateway.Signing;

namespace ReferralHub.Gateway.Tests.Signing;

/// <summary>The private key files the Gateway signs messages and audit checkpoints with.</summary>
public sealed class P256KeyFilesTests : IDisposable
{
    private readonly string folder = System.IO.Directory.CreateTempSubdirectory("p256-key-files-").FullName;

    [Fact]
    public async Task An_absent_key_is_created_owner_only_with_its_public_key_beside_it_and_the_same_key_loads_again()
    {
        var path = Path.Combine(folder, "signing-key.pem");

        using var created = await P256KeyFiles.LoadOrCreateAsync(path, CancellationToken.None);
        using var loaded = await P256KeyFiles.LoadOrCreateAsync(path, CancellationToken.None);
        using var published = await P256KeyFiles.LoadAsync(Path.Combine(folder, "signing-key.pub.pem"), CancellationToken.None);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(created.ExportSubjectPublicKeyInfo(), loaded.ExportSubjectPublicKeyInfo());
        Assert.Equal(created.ExportSubjectPublicKeyInfo(), published.ExportSubjectPublicKeyInfo());
        Assert.Throws<CryptographicException>(() => published.ExportECPrivateKey());
    }

    [Fact]
    public async Task A_key_file_that_holds_no_P256_key_stops_the_start_with_an_error_naming_the_file()
    {
        var otherCurve = Path.Combine(folder, "p384.pem");
        using (var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            await File.WriteAllTextAsync(otherCurve, p384.ExportPkcs8PrivateKeyPem());
        }

        var notAKey = Path.Combine(folder, "text.pem");
        await File.WriteAllTextAsync(notAKey, "not a key");

        var wrongCurve = await Assert.ThrowsAsync<InvalidOperationException>(() => P256KeyFiles.LoadOrCreateAsync(otherCurve, CancellationToken.None));
        var noKey = await Assert.ThrowsAsync<InvalidOperationException>(() => P256KeyFiles.LoadOrCreateAsync(notAKey, CancellationToken.None));

        Assert.Contains(otherCurve, wrongCurve.Message, StringComparison.Ordinal);
        Assert.Contains("P-256", wrongCurve.Message, StringComparison.Ordinal);
        Assert.Contains(notAKey, noKey.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "p384.pub.pem")));
    }

    public void Dispose() => System.IO.Directory.Delete(folder, recursive: true);
}

using System.Diagnostics;
using CscDashboard.Core.Common;
using CscDashboard.Core.Users;
using CscDashboard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CscDashboard.Tests.Web;

/// <summary>
/// An unknown address costs the same password-hash work as a wrong password (issue 14, point 11): the structural
/// check counts the hash verifications; the timing check compares medians in a generous band.
/// </summary>
public sealed class SignInTimingTests : IDisposable
{
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private readonly CountingHasher _hasher = new();
    private readonly CscWebFactory _factory;

    // One host per data directory (the app locks it): the counting hasher goes into the factory's own host.
    public SignInTimingTests() =>
        _factory = new CscWebFactory { ExtraServices = s => s.AddSingleton<IPasswordHasher<AppUser>>(_hasher) };

    public void Dispose() => _factory.Dispose();

    private async Task<SignInResult> AttemptAsync(string email, string password)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<AppUser>>();
        return await signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: false);
    }

    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_each_verify_one_password_hash()
    {
        await _factory.AddUserAsync("connu@test.csc", Roles.Coordinator, "ART");
        foreach (var (email, password) in new[] { ("inconnu@test.csc", "peu-importe"), ("connu@test.csc", "pas-le-bon") })
        {
            var before = _hasher.Verifications;
            Assert.False((await AttemptAsync(email, password)).Succeeded);
            Assert.Equal(before + 1, _hasher.Verifications);
        }
    }

    [Fact]
    public async Task An_unknown_address_takes_about_as_long_as_a_wrong_password()
    {
        await _factory.AddUserAsync("connu@test.csc", Roles.Coordinator, "ART");
        await AttemptAsync("inconnu@test.csc", "x"); // warm-up (dummy hash, JIT)
        await AttemptAsync("connu@test.csc", "x");
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var i = 0; i < 9; i++)
        {
            unknown.Add(await TimeAsync("inconnu@test.csc"));
            wrong.Add(await TimeAsync("connu@test.csc"));
        }
        var ratio = Median(unknown) / Median(wrong);
        // Without the dummy hash the unknown address answers tens of times faster; loaded machines stay well inside this band.
        Assert.InRange(ratio, 0.4, 2.5);
    }

    private async Task<double> TimeAsync(string email)
    {
        var watch = Stopwatch.StartNew();
        await AttemptAsync(email, "pas-le-bon");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}

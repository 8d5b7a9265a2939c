namespace CscDashboard.Tests.Browser;

/// <summary>
/// A test of a browser collection: the pages it opened through its <see cref="BrowserFixture"/> are closed when it ends.
/// An open page keeps its renderer process, its Blazor circuit and its live refreshes at work: before this, 120 pages of
/// ended tests were still open late in a run, and they took the CPU of the tests that followed.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    protected BrowserFixture Browser { get; } = browser;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Browser.CloseContextsAsync();
}

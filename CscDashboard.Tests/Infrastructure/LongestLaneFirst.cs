using CscDashboard.Tests.Browser;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("CscDashboard.Tests.Infrastructure.LongestLaneFirst", "CscDashboard.Tests")]

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// Starts the browser journeys (one collection, run one after another: about 12 minutes on 2 cores) first and the
/// accessibility walk second; the short collections fill the other lane around the walk. With the default order the
/// journeys waited almost five minutes behind short collections and the run ended that much later.
/// </summary>
public sealed class LongestLaneFirst : ITestCollectionOrderer
{
    private static readonly string[] First = [BrowserCollection.Name, AccessibilityCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(First, c.DisplayName) is var i and >= 0 ? i : First.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}

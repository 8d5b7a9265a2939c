using CscDashboard.Tests.Browser;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("CscDashboard.Tests.Infrastructure.BrowserCollectionsFirst", "CscDashboard.Tests")]

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// The order in which xUnit starts the test collections, two at a time on a 2-core CI machine: the browser journeys
/// (one collection whose tests run one after another, the longest lane) and the accessibility walk first, one on each
/// thread, then the short collections on whichever thread is free. In the default order the walk and the journeys ran
/// one after the other on the same thread while the other thread finished the short collections and waited (ADR 030).
/// </summary>
public sealed class BrowserCollectionsFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName switch
            {
                BrowserCollection.Name => 0,
                AccessibilityCollection.Name => 1,
                _ => 2,
            })
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}

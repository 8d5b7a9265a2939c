using CscDashboard.Tests.Browser;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: Xunit.TestCollectionOrderer("CscDashboard.Tests.Infrastructure.BrowserLaneFirst", "CscDashboard.Tests")]

namespace CscDashboard.Tests.Infrastructure;

/// <summary>
/// The order in which xUnit starts the test collections, two at a time on a 2-core CI machine: the browser journeys
/// (one collection, run one after another, the longest lane) first; the short collections beside them; the accessibility
/// walk last, once the short ones are done. Measured on the whole suite: with the default order the journeys waited
/// 263 s behind short collections (SQLite pass 14 min 54 s); with the walk started beside the journeys, both browsers
/// slowed each other down (19 min 4 s).
/// </summary>
public sealed class BrowserLaneFirst : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => c.DisplayName switch
            {
                BrowserCollection.Name => 0,
                AccessibilityCollection.Name => 2,
                _ => 1,
            })
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}

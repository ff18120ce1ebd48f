using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>A revision held for removing a cluster: why, and an approve button for fleet admins only.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RevisionTests(DashboardStack stack, Chromium chromium)
{
    private const string Removed = "clusters/edge/us-east/pit-01.yaml";

    [Fact]
    public async Task HeldRevision_AdminSeesWhyAndApprove_ViewerSeesNoButton_DismissedConfirmApprovesNothing()
    {
        var file = Path.Combine(stack.Stack.Layout.Repo, Removed);
        var text = await File.ReadAllTextAsync(file);
        File.Delete(file);
        var sha = stack.Stack.Commit("retire edge-pit-01");
        try
        {
            Assert.Equal(RevisionState.Held, (await stack.Stack.WaitForRevisionAsync(sha, DashboardStack.Timeout)).State);
            var viewer = (await stack.CreateTokenAsync("viewer")).Token;
            await using var admin = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/revisions/{sha}");
            await using var reader = await DashboardPage.OpenAsync(chromium, stack, viewer, $"/revisions/{sha}");

            await Expect(admin.Page.Locator("[data-field='state']")).ToContainTextAsync("Held");
            await Expect(admin.Page.Locator(".controls.notice")).ToContainTextAsync("edge-pit-01");
            await Expect(reader.Page.Locator(".controls.notice")).ToContainTextAsync("Only a fleet-admin may approve it.");
            await Expect(reader.Page.Locator("button[data-action]")).ToHaveCountAsync(0);
            string? asked = null;
            admin.Page.Dialog += async (_, dialog) =>
            {
                asked = dialog.Message;
                await dialog.DismissAsync();
            };
            await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Approve revision" }).ClickAsync();
            await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Approve revision" })).ToBeEnabledAsync();
            Assert.StartsWith($"Approve revision {sha[..12]}?", asked);
            Assert.Equal(RevisionState.Held, (await stack.GetAsync<RevisionResponse>($"/api/v1/revisions/{sha}")).State);

            await admin.GotoAsync("/");
            await Expect(admin.Page.Locator(".notices .notice[data-kind='Held']")).ToContainTextAsync(sha[..12]);
            await admin.ScreenshotAsync("revision-held-overview");
            admin.AssertNoConsoleErrors();
            reader.AssertNoConsoleErrors();
        }
        finally
        {
            await File.WriteAllTextAsync(file, text);
            var back = stack.Stack.Commit("keep edge-pit-01 after all");
            Assert.Equal(RevisionState.Applied, (await stack.Stack.WaitForRevisionAsync(back, DashboardStack.Timeout)).State);
        }
    }
}

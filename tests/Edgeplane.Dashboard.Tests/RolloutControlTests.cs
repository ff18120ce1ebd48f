using System.Net;
using Edgeplane.Dashboard.Tests.Support;
using Edgeplane.Hub.Api.Contracts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Edgeplane.Dashboard.Tests;

/// <summary>Steering a rollout from its page, and the same page for a viewer: no buttons, and a forged request refused.</summary>
[Collection(DashboardCollection.Name)]
public sealed class RolloutControlTests(DashboardStack stack, Chromium chromium)
{
    [Fact]
    public async Task PauseButton_PausesTheRun_TheApiAgrees_AndResumeTakesItOn()
    {
        var id = stack.Rollout.Id;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, "/rollouts");
        var page = tab.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = $"Rollout {id}", Exact = true }).ClickAsync();
        await tab.WaitForViewAsync();
        await Expect(page.Locator("#view h1")).ToHaveTextAsync($"Rollout {id}");
        await Expect(page.Locator("li.wave.current h3 .badge").First).ToHaveTextAsync("Soaking");
        await tab.ScreenshotAsync("rollout-soaking", fullPage: false);

        await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();

        await Expect(page.Locator("[data-field='state'] .badge")).ToHaveTextAsync("Paused");
        await Expect(page.Locator("[data-field='reason']")).ToHaveTextAsync("paused by token:admin");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Rollout {id} paused." })).ToHaveCountAsync(1);
        var paused = await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}");
        Assert.Equal(RolloutState.Paused, paused.State);
        Assert.Equal("paused by token:admin", paused.Reason);

        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();

        await Expect(page.Locator("[data-field='state'] .badge")).ToHaveTextAsync("Progressing");
        Assert.Equal(RolloutState.Progressing, (await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}")).State);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task PromoteButton_AfterConfirming_EndsTheCanarySoak_AndTheNextWaveShowsLiveWithoutReload()
    {
        var id = stack.Rollout.Id;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/rollouts/{id}");
        var page = tab.Page;
        await page.EvaluateAsync("window.__sameDocument = 'yes'");
        var current = await page.Locator("li.wave.current").GetAttributeAsync("data-wave");
        var next = stack.Rollout.Waves.SkipWhile(w => w.Name != current).Skip(1).FirstOrDefault()?.Name;
        Assert.True(next is not null, $"the run is in its last wave ({current}): nothing to promote to");
        string? asked = null;
        page.Dialog += async (_, dialog) =>
        {
            asked = dialog.Message;
            await dialog.AcceptAsync();
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Promote" }).ClickAsync();

        await Expect(page.Locator($"li[data-wave='{current}'] h3 .badge").First).ToHaveTextAsync("Succeeded");
        await Expect(page.Locator("li.wave.current")).ToHaveAttributeAsync("data-wave", next!);
        await Expect(page.Locator($"li[data-wave='{next}'] h3 .badge").First).ToHaveTextAsync("Soaking", new() { Timeout = 120_000 });
        Assert.StartsWith($"Promote rollout {id}?", asked);
        var run = await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}");
        Assert.Equal(next, run.CurrentWave);
        Assert.Equal("yes", await page.EvaluateAsync<string>("window.__sameDocument"));
        await tab.ScreenshotAsync("rollout-promoted", fullPage: false);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task AbortButton_ConfirmDismissed_ChangesNothing()
    {
        var id = stack.Rollout.Id;
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, stack.AdminToken, $"/rollouts/{id}");
        var page = tab.Page;
        var before = await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}");
        var dismissed = new TaskCompletionSource<string>();
        page.Dialog += async (_, dialog) =>
        {
            await dialog.DismissAsync();
            dismissed.TrySetResult(dialog.Message);
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Abort" }).ClickAsync();

        Assert.StartsWith($"Abort rollout {id}?", await dismissed.Task.WaitAsync(DashboardStack.Timeout));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abort" })).ToBeEnabledAsync();
        Assert.Equal(before.State, (await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}")).State);
        var aborts = await stack.GetAsync<PageResponse<AuditEntryResponse>>($"/api/v1/audit?action=rollout.abort&target={id}");
        Assert.Empty(aborts.Items);
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Viewer_SeesNoActionButtons_AndAForgedPauseIsRefused403()
    {
        var id = stack.Rollout.Id;
        var created = await stack.CreateTokenAsync("viewer");
        var (viewer, subject) = (created.Token, created.Subject);
        await using var tab = await DashboardPage.OpenAsync(chromium, stack, viewer, $"/rollouts/{id}");
        var page = tab.Page;
        var before = await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}");

        await Expect(page.Locator("#view h1")).ToHaveTextAsync($"Rollout {id}");
        await Expect(page.Locator("li[data-wave='canary']")).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync("viewer");
        await Expect(page.Locator("button[data-action]")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause" })).ToHaveCountAsync(0);

        var forged = await page.APIRequest.PostAsync($"/api/v1/rollouts/{id}/pause", new()
        {
            Headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {viewer}" },
        });

        Assert.Equal((int)HttpStatusCode.Forbidden, forged.Status);
        var after = await stack.GetAsync<RolloutResponse>($"/api/v1/rollouts/{id}");
        Assert.Equal(before.State, after.State);
        Assert.NotEqual(RolloutState.Paused, after.State);
        var denied = await stack.GetAsync<PageResponse<AuditEntryResponse>>(
            $"/api/v1/audit?action=api.denied&subject={Uri.EscapeDataString(subject)}");
        Assert.Equal($"POST /api/v1/rollouts/{id}/pause", Assert.Single(denied.Items).Target);
        tab.AssertNoConsoleErrors();
    }
}

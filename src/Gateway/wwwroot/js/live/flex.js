// The live view's flex banner: while a grid flex event runs, its target against the facility's measured power and
// the tokens/s it costs against the figures just before it (GET /api/flex; 404 when none runs).
const banner = document.querySelector("[data-testid=flex-banner]");
const mw = (kw) => (kw / 1000).toLocaleString("en-US", { maximumFractionDigits: 3, minimumFractionDigits: 3 });
const num = (v) => Number(v).toLocaleString("en-US", { maximumFractionDigits: 0 });

async function refresh() {
  try {
    const response = await fetch("/api/flex", { headers: { Accept: "application/json" } });
    if (!response.ok) {
      banner.hidden = true;
      return;
    }

    const flex = await response.json();
    const atTarget = flex.measuredFacilityPowerKw <= flex.targetFacilityPowerKw * 1.01;
    banner.hidden = false;
    banner.dataset.atTarget = String(atTarget);
    banner.innerHTML = `<strong>Flex event</strong> until ${new Date(flex.endsAt).toLocaleTimeString()}: target ` +
      `<span data-flex="target">${mw(flex.targetFacilityPowerKw)}</span> MW, measured ` +
      `<span data-flex="measured" class="${atTarget ? "at-target" : "above-target"}">${mw(flex.measuredFacilityPowerKw)}</span> MW ` +
      `(from ${mw(flex.baselineFacilityPowerKw)} MW) · tokens/s lost <span data-flex="lost">${num(flex.tokensPerSecondLost)}</span> ` +
      `of ${num(flex.baselineTokensPerSecond)} · ${flex.plan.racks.length} rack(s) capped · break-even ` +
      `${flex.plan.breakEvenUsdPerMWh === null ? "–" : "$" + num(flex.plan.breakEvenUsdPerMWh) + "/MWh"}`;
  } catch {
    banner.hidden = true;
  }
}

refresh();
setInterval(refresh, 2000);

// The live view's carbon tile: grams of CO2 per million tokens and joules per token from /api/carbon, every few
// seconds (the grid's intensity moves by the hour; the facility's power and tokens by the second).
const tile = document.querySelector("[data-testid=kpi-carbon]");
const fmt = (v, digits = 0) => v === null || v === undefined ? "—" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function refresh() {
  try {
    const response = await fetch("/api/carbon", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const carbon = await response.json();
    tile.querySelector("[data-kpi-value]").textContent = fmt(carbon.facility.gramsCo2PerMillionTokens, 1);
    tile.querySelector("[data-kpi-detail]").textContent = carbon.gramsPerKwh === null
      ? `no grid intensity set · ${fmt(carbon.facility.joulesPerToken, 3)} J/token`
      : `${fmt(carbon.gramsPerKwh)} g/kWh (${carbon.source}) · ${fmt(carbon.facility.joulesPerToken, 3)} J/token`;
    tile.dataset.gramsPerMillionTokens = carbon.facility.gramsCo2PerMillionTokens ?? "";
  } catch {
    // The connection badge already tells when the gateway is unreachable.
  }
}

refresh();
setInterval(refresh, 5000);

import { SEVERITIES, type Finding, type Severity } from "../domain/finding";
import type { Family } from "../domain/family";
import type { Snapshot } from "../domain/snapshot";
import { failedRegionsOf, snapshotStatus } from "../domain/snapshot-status";
import type { SnapshotComparison } from "../history/compare";
import { describeDetail, shortJson } from "./html-describe";
import { html, type RawHtml } from "./html-escape";
import { collectWaivers } from "./waivers";

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export function severityBadge(severity: Severity): RawHtml {
  return html`<span class="sev sev-${severity}">${severity}</span>`;
}

/** The snapshot's status; an incomplete one names its failed regions and what that means. */
function renderStatus(s: Snapshot): RawHtml {
  if (snapshotStatus(s.summary) === "complete")
    return html`<p class="status">Status: complete — every region in the scan was read.</p>`;
  const failed = failedRegionsOf(s.regions);
  return html`<div class="status incomplete">
    <p>
      <strong>Status: incomplete</strong> — ${failed.length} of ${s.regions.length} regions could
      not be read. Their findings are unknown: nothing there is reported as drifted or as in sync,
      families whose reference region failed could not be compared, and findings of earlier
      snapshots there count as unverified, not resolved.
    </p>
    <ul>
      ${failed.map((r) => html`<li>${r.account}/${r.region}: ${r.error}</li>`)}
    </ul>
  </div>`;
}

export function renderSummary(s: Snapshot): RawHtml {
  const sum = s.summary;
  return html`<section id="summary">
    <h2>Summary</h2>
    ${renderStatus(s)}
    <div class="counts">
      ${SEVERITIES.map((sev) => html`<div>${severityBadge(sev)}<strong>${sum.findingsBySeverity[sev] ?? 0}</strong></div>`)}
    </div>
    <p>
      ${sum.findings} findings (${sum.waivedFindings} waived) across ${sum.driftedFamilies} drifted
      of ${sum.families} families; ${sum.keys} keys read (${sum.auditedKeys} audited) in
      ${s.accounts.length} account(s).
    </p>
    <table>
      <thead>
        <tr>
          <th>Account</th>
          <th>Region</th>
          <th>Status</th>
          <th>Keys</th>
          <th>Note</th>
        </tr>
      </thead>
      <tbody>
        ${s.regions.map(
          (r) =>
            html`<tr>
              <td>${r.account}</td>
              <td>${r.region}</td>
              <td class="status-${r.status}">${r.status}</td>
              <td>${r.keyCount}</td>
              <td>${r.error ?? ""}</td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function renderFinding(f: Finding): RawHtml {
  const last = f.attribution[0];
  return html`<tr${f.waived ? html` class="waived"` : html``}>
<td>${severityBadge(f.severity)}${f.waived ? html`<br />waived` : html``}</td>
<td>${f.property}</td><td>${f.region}</td>
<td><strong>${f.title}</strong>${describeDetail(f.detail)}
<div>expected <code>${shortJson(f.expected)}</code></div><div>actual <code>${shortJson(f.actual)}</code></div></td>
<td>${last ? html`${last.eventName} by ${last.actor}<br />${last.eventTime}` : (f.attributionNote ?? "—")}</td>
<td>${f.remediation.map((cmd) => html`<code>${cmd}</code><br />`)}</td></tr>`;
}

function worst(findings: Finding[]): number {
  return Math.min(...findings.map((f) => RANK[f.severity]));
}

export function renderFamilies(s: Snapshot): RawHtml {
  const byFamily = new Map<string, Finding[]>();
  for (const f of s.findings) byFamily.set(f.familyId, [...(byFamily.get(f.familyId) ?? []), f]);
  const families = new Map<string, Family>(s.families.map((fam) => [fam.id, fam]));
  const drifted = [...byFamily.entries()].sort(
    (a, b) => worst(a[1]) - worst(b[1]) || a[0].localeCompare(b[0]),
  );
  const inSync = s.families.filter((fam) => !byFamily.has(fam.id));
  return html`<section id="drift">
    <h2>Drift per family</h2>
    ${drifted.length === 0 ? html`<p>No drift found.</p>` : html``}
    ${drifted.map(([id, findings]) => {
      const fam = families.get(id);
      return html`<div class="family">
        <h3>${id}</h3>
        <p class="meta">
          ${fam?.kind ?? "family"} · reference region
          ${fam?.referenceRegion ?? findings[0]?.referenceRegion ?? "unknown"}${fam?.flags.length ? html` · ${fam.flags.join(", ")}` : html``}
        </p>
        <table>
          <thead>
            <tr>
              <th>Severity</th>
              <th>Property</th>
              <th>Region</th>
              <th>What differs</th>
              <th>Last change</th>
              <th>Remediation</th>
            </tr>
          </thead>
          <tbody>
            ${[...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]).map(renderFinding)}
          </tbody>
        </table>
      </div>`;
    })}
    ${
      inSync.length > 0
        ? html`<h3>In sync (${inSync.length})</h3>
            <p>${inSync.map((fam) => fam.id).join(", ")}</p>`
        : html``
    }
  </section>`;
}

export function renderResidency(s: Snapshot): RawHtml {
  const findings = s.findings.filter((f) => f.property === "residency");
  return html`<section id="residency">
    <h2>Residency</h2>
    ${
      findings.length === 0
        ? html`<p>No key material outside its allowed regions.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Severity</th>
                <th>Family</th>
                <th>Region</th>
                <th>Finding</th>
                <th>Placed by</th>
              </tr>
            </thead>
            <tbody>
              ${findings.map(
                (f) =>
                  html`<tr>
                    <td>${severityBadge(f.severity)}</td>
                    <td>${f.familyId}</td>
                    <td>${f.region}</td>
                    <td>${f.title}${describeDetail(f.detail)}</td>
                    <td>
                      ${f.attribution[0] ? `${f.attribution[0].eventName} by ${f.attribution[0].actor} at ${f.attribution[0].eventTime}` : (f.attributionNote ?? "—")}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function changeList(title: string, findings: Finding[]): RawHtml {
  if (findings.length === 0) return html``;
  return html`<h3>${title} (${findings.length})</h3>
    <ul>
      ${findings.map((f) => html`<li>${severityBadge(f.severity)} ${f.title} — ${f.familyId}, ${f.region}</li>`)}
    </ul>`;
}

export function renderChanges(comparison: SnapshotComparison | null): RawHtml {
  if (!comparison || comparison.fromSnapshotId === null) {
    return html`<section id="changes">
      <h2>Changes since the previous snapshot</h2>
      <p>No previous snapshot to compare with.</p>
    </section>`;
  }
  const c = comparison.counts;
  // Comparisons stored before the unverified bucket existed have none recorded.
  const unverified = Array.isArray(comparison.unverified) ? comparison.unverified : null;
  return html`<section id="changes">
    <h2>Changes since the previous snapshot</h2>
    <p>
      Compared with ${comparison.fromSnapshotId}: ${c.new} new, ${c.resolved} resolved, ${c.changed}
      changed, ${c.unchanged} unchanged${unverified ? `, ${unverified.length} not checked` : ""}.
    </p>
    ${changeList("New", comparison.new)}${changeList("Resolved", comparison.resolved)}
    ${
      unverified && unverified.length > 0
        ? html`${changeList("Not checked in the newer snapshot", unverified)}
            <p>
              Gone from the newer snapshot because it could not read what they depend on (their
              region, their reference region or the property): neither fixed nor confirmed.
            </p>`
        : html``
    }
    ${
      comparison.changed.length
        ? html`<h3>Changed (${comparison.changed.length})</h3>
            <ul>
              ${comparison.changed.map((ch) => html`<li>${ch.after.title} — ${ch.fields.map((field) => `${field}: ${shortJson(ch.before[field])} → ${shortJson(ch.after[field])}`).join("; ")}</li>`)}
            </ul>`
        : html``
    }
  </section>`;
}

/** Strings the store replaced (lone surrogates, U+0000 → U+FFFD), when there are any. */
export function renderStorageNotes(s: Snapshot): RawHtml {
  if (!s.storageNotes || s.storageNotes.length === 0) return html``;
  return html`<section id="storage-notes">
    <h2>Stored with changes</h2>
    <p>
      The store replaced characters PostgreSQL cannot hold with U+FFFD. This report shows the stored
      snapshot; the scan's own output has them as AWS answered.
    </p>
    <ul>
      ${s.storageNotes.map((note) => html`<li>${note}</li>`)}
    </ul>
  </section>`;
}

export function renderWaivers(s: Snapshot, at: Date): RawHtml {
  const inForce = collectWaivers(s, at);
  const lapsed = s.findings.filter((f) => f.waiver && !f.waived);
  return html`<section id="waivers">
    <h2>Waivers</h2>
    ${
      inForce.length === 0
        ? html`<p>No waivers in force.</p>`
        : html`<table>
            <thead>
              <tr>
                <th>Match</th>
                <th>Reason</th>
                <th>Owner</th>
                <th>Expires</th>
                <th>Findings</th>
              </tr>
            </thead>
            <tbody>
              ${inForce.map(
                (w) =>
                  html`<tr>
                    <td><code>${w.match}</code></td>
                    <td>${w.reason}</td>
                    <td>${w.owner}</td>
                    <td>${w.expires}</td>
                    <td>${w.findingIds.length}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${lapsed.length ? html`<p>${lapsed.length} finding(s) carry a waiver that no longer applies.</p>` : html``}
  </section>`;
}

export function renderCoverage(s: Snapshot): RawHtml {
  const keyErrors = s.keys.flatMap((k) => k.errors.map((e) => ({ key: k, error: e })));
  return html`<section id="coverage">
    <h2>Scan coverage and errors</h2>
    <table>
      <thead>
        <tr>
          <th>Account</th>
          <th>Region</th>
          <th>Status</th>
          <th>API calls</th>
          <th>Throttled</th>
          <th>Duration</th>
          <th>CloudTrail</th>
        </tr>
      </thead>
      <tbody>
        ${s.regions.map((r) => {
          const t = r.trail;
          const trail = !t
            ? "—"
            : t.status === "ok" || t.status === "truncated"
              ? `${t.status}: ${t.from} → ${t.to}, ${t.events} events${t.status === "truncated" ? ` (${t.reason})` : ""}`
              : `${t.status}: ${t.reason}`;
          return html`<tr>
            <td>${r.account}</td>
            <td>${r.region}</td>
            <td class="status-${r.status}">
              ${r.status}${r.error ? html`<br />${r.error}` : html``}
            </td>
            <td>${r.apiCalls}</td>
            <td>${r.throttledCalls}</td>
            <td>${(r.durationMs / 1000).toFixed(1)} s</td>
            <td>${trail}</td>
          </tr>`;
        })}
      </tbody>
    </table>
    ${
      keyErrors.length === 0
        ? html`<p>Every key property was read.</p>`
        : html`<h3>Unreadable properties (${keyErrors.length})</h3>
            <table>
              <thead>
                <tr>
                  <th>Key</th>
                  <th>Region</th>
                  <th>Property</th>
                  <th>Error</th>
                </tr>
              </thead>
              <tbody>
                ${keyErrors.map(
                  ({ key, error }) =>
                    html`<tr>
                      <td>${key.keyId}</td>
                      <td>${key.region}</td>
                      <td>${error.property}</td>
                      <td>${error.code}: ${error.message}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
    }
  </section>`;
}

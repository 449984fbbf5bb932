// The statistics pages: the public page at /statistics (no login, public-release figures only)
// and the analyst page at /statistics/analyst (signed-in analysts, their country's figures),
// with the figures as SVG images and the PDF brief. Built on the shared web layer.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { html, need, type SafeHtml, type Web } from '../../platform/web/index.js';
import { country } from '../../platform/vocabulary/index.js';
import { toSvg } from './statistics.drawing.js';
import {
  analystFigures,
  headline,
  mapDrawing,
  publicFigures,
  renderBrief,
  routeChart,
  routeRows,
  yearChart,
  type FigureSet,
} from './statistics.figures.js';
import { statLabels, type StatLabels } from './statistics.labels.js';
import { FIGURES } from './statistics.schemas.js';
import type { StatisticsService } from './statistics.service.js';

const countryQuery = z.object({ country: country.optional() });
const figureParam = z.object({ figure: z.enum(FIGURES) });

function figuresBody(f: FigureSet, l: StatLabels, img: (figure: string) => string): SafeHtml {
  const years = f.summary.byYear.years;
  const by = f.summary.byYear.figures;
  const cell = (v: number | null | undefined) =>
    v === null || v === undefined ? l.suppressed : String(v);
  const yearRows: [string, (number | null)[] | undefined][] = [
    [l.reports, by.reports],
    [l.children, by.children],
    [l.remainsRecovered, by.remainsRecovered],
    [l.identifications, by.identifications],
    [l.dead, by.dead],
    [l.missing, by.missing],
  ];
  return html`<p>${l.intro}</p>
    <p class="hint">${l.rules(f.threshold, f.noise)}</p>
    <h2>${l.headline} (${f.summary.country})</h2>
    <dl>
      ${headline(f, l).map(
        ([k, v]) =>
          html`<dt>${k}</dt>
            <dd>${v}</dd>`,
      )}
    </dl>
    <h2>${l.byYear}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          ${years.map((y) => html`<th scope="col">${y}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${yearRows.map(
          ([label, values]) =>
            html`<tr>
              <th scope="row">${label}</th>
              ${years.map((_, i) => html`<td>${cell(values?.[i])}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
    <h2>${l.mapTitle}</h2>
    <img src="${img('map')}" alt="${mapDrawing(f, l).description}" width="900" height="600" />
    <h2>${l.linesTitle}</h2>
    <img src="${img('routes')}" alt="${routeChart(f, l).description}" width="900" height="380" />
    <h2>${l.barsTitle}</h2>
    <img src="${img('years')}" alt="${yearChart(f, l).description}" width="900" height="300" />
    <h2>${l.byRoute}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${l.route}</th>
          <th scope="col">${l.dead}</th>
          <th scope="col">${l.missing}</th>
        </tr>
      </thead>
      <tbody>
        ${routeRows(f, l).map(
          ([r, d, m]) =>
            html`<tr>
              <th scope="row">${r}</th>
              <td>${d}</td>
              <td>${m}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function sendSvg(res: Response, f: FigureSet, figure: (typeof FIGURES)[number], l: StatLabels) {
  const drawing =
    figure === 'map' ? mapDrawing(f, l) : figure === 'routes' ? routeChart(f, l) : yearChart(f, l);
  res
    .type('image/svg+xml; charset=utf-8')
    .set('Cache-Control', 'private, max-age=300')
    .send(toSvg(drawing));
}

function parseOr404<T>(schema: z.ZodType<T>, value: unknown, res: Response): T | undefined {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    res.status(400).type('text/plain').send('bad request');
    return undefined;
  }
  return parsed.data;
}

/** The public statistics page, the analyst page and their figures. */
export function statisticsPages(web: Web, statistics: StatisticsService): Router {
  const r = Router();
  const langOf = (req: Request) => need(req).lang;

  r.get('/statistics', async (req, res) => {
    const q = parseOr404(countryQuery, req.query, res);
    if (!q) {
      return;
    }
    const l = statLabels(langOf(req));
    const f = await publicFigures(statistics, q.country);
    const qs = (extra: string) => `?lang=${langOf(req)}&country=${f.summary.country}${extra}`;
    const csv = (dataset: string, params: string) =>
      `/api/v1/public/statistics/tables/${dataset}?format=csv&country=${f.summary.country}${params}`;
    web.render(req, res, {
      title: l.pageTitle,
      body: html`${figuresBody(f, l, (fig) => `/api/v1/public/statistics/figures/${fig}${qs('')}`)}
        <h2>${l.downloads}</h2>
        <ul>
          <li>
            <a href="${csv('incidents', '&measure=deadAndMissing&by=year')}"
              >${l.dead} + ${l.missing} — ${l.year}</a
            >
          </li>
          <li>
            <a href="${csv('incidents', '&measure=deadAndMissing&by=route')}"
              >${l.dead} + ${l.missing} — ${l.route}</a
            >
          </li>
          <li>
            <a href="${csv('incidents', '&measure=dead&by=month&by2=route')}"
              >${l.dead} — ${l.route}</a
            >
          </li>
          <li><a href="${csv('reports', '&by=year')}">${l.reports} — ${l.year}</a></li>
          <li><a href="${csv('remains', '&by=year')}">${l.remainsRecovered} — ${l.year}</a></li>
        </ul>`,
    });
  });

  r.get('/statistics/analyst', web.requireUser, async (req, res) => {
    const { user } = need(req);
    const l = statLabels(langOf(req));
    const f = await analystFigures(statistics, user!.actor);
    web.render(req, res, {
      title: l.analystTitle,
      body: html`${figuresBody(f, l, (fig) => `/statistics/analyst/figures/${fig}?lang=${langOf(req)}`)}
        <p><a href="/statistics/analyst/brief">${l.briefTitle} (PDF)</a></p>`,
    });
  });

  r.get('/statistics/analyst/figures/:figure', web.requireUser, async (req, res) => {
    const p = parseOr404(figureParam, req.params, res);
    if (!p) {
      return;
    }
    const f = await analystFigures(statistics, need(req).user!.actor);
    sendSvg(res, f, p.figure, statLabels(langOf(req)));
  });

  r.get('/statistics/analyst/brief', web.requireUser, async (req, res) => {
    const pdf = await renderBrief(
      await analystFigures(statistics, need(req).user!.actor),
      new Date(),
    );
    res.type('application/pdf').attachment('statistics-brief.pdf').send(pdf);
  });

  return r;
}

// "Add details later": the family completes or corrects sections of a filed report on the
// portal, through the reports service (its field rules, audit and change hooks), with the
// same questions as the filing steps.
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import {
  errorSummary,
  html,
  need,
  parseForm,
  postForm,
  type FieldErrors,
  type Web,
} from '../../platform/web/index.js';
import type { FamilyChannelService } from '../notifications/index.js';
import type { DraftData } from './reports.drafts.js';
import { STEPS, stepFields } from './reports.journey.pages.js';
import {
  descriptionSection,
  disappearanceSection,
  relativeInput,
  type UpdateReportInput,
} from './reports.schemas.js';
import type { ReportsService } from './reports.service.js';

/** Sections the family may complete after filing, by their filing step. */
export const DETAIL_SECTIONS = ['lastSeen', 'description', 'contact'] as const;
type DetailSection = (typeof DETAIL_SECTIONS)[number];

const uuid = z.uuid();
type Effect = { category: string; description: string };
/** The report as the family reads it (the sections this page shows). */
interface FamilyReport {
  disappearance: Record<string, unknown> & {
    lastSeenDate: { text: string };
    lastSeenPlace: string;
    lastSeenCountry: string;
    route?: string;
    circumstances?: string;
  };
  description: Record<string, unknown> & {
    build?: string;
    hair?: string;
    eyes?: string;
    clothing?: Effect[];
    belongings?: Effect[];
  };
  relatives: (z.infer<typeof relativeInput> & { id: string })[];
}

/** A copy of an object without some keys. */
const without = (o: Record<string, unknown>, ...keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const lines = (s: string | undefined) =>
  (s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The answers a section's form starts from: what the report holds now. */
export function reportToAnswers(section: DetailSection, r: FamilyReport): DraftData {
  switch (section) {
    case 'lastSeen': {
      const d = r.disappearance;
      return {
        lastSeenDate: d.lastSeenDate.text,
        lastSeenPlace: d.lastSeenPlace,
        lastSeenCountry: d.lastSeenCountry,
        route: d.route ?? '',
        circumstances: d.circumstances ?? '',
      };
    }
    case 'description': {
      const d = r.description;
      const of = (list: Effect[] | undefined, category: string) =>
        (list ?? [])
          .filter((e) => e.category === category)
          .map((e) => e.description)
          .join('\n');
      return {
        build: d.build === 'unknown' ? '' : (d.build ?? ''),
        hair: d.hair ?? '',
        eyes: d.eyes ?? '',
        clothing: of(d.clothing, 'clothing'),
        marks: of(d.belongings, 'other'),
      };
    }
    case 'contact': {
      const first = r.relatives[0];
      return {
        relativeName: first?.name ?? '',
        relationship: first?.relationship ?? '',
        phone: first?.contact.phone ?? '',
      };
    }
  }
}

/**
 * The patch of one section from the checked answers, keeping everything the form does not
 * show (coordinates, incident, height, structured marks, other relatives, e-mail addresses).
 */
export function answersToPatch(
  section: DetailSection,
  a: DraftData,
  r: FamilyReport,
): UpdateReportInput {
  switch (section) {
    case 'lastSeen': {
      const rest = without(r.disappearance, 'route');
      return {
        disappearance: disappearanceSection.parse({
          ...rest,
          lastSeenDate: a.lastSeenDate,
          lastSeenPlace: a.lastSeenPlace,
          lastSeenCountry: a.lastSeenCountry,
          ...(a.route ? { route: a.route } : {}),
          circumstances: a.circumstances ?? '',
        }),
      };
    }
    case 'description': {
      const d = r.description;
      const rest = without(d, 'build', 'hair', 'eyes');
      const keep = (list: Effect[] | undefined, category: string) =>
        (list ?? []).filter((e) => e.category !== category);
      return {
        description: descriptionSection.parse({
          ...rest,
          ...(a.build ? { build: a.build } : {}),
          ...(a.hair ? { hair: a.hair } : {}),
          ...(a.eyes ? { eyes: a.eyes } : {}),
          clothing: [
            ...keep(d.clothing, 'clothing'),
            ...lines(a.clothing).map((description) => ({ category: 'clothing', description })),
          ],
          belongings: [
            ...keep(d.belongings, 'other'),
            ...lines(a.marks).map((description) => ({ category: 'other', description })),
          ],
        }),
      };
    }
    case 'contact': {
      const asInput = ({
        name,
        relationship,
        contact,
        preferredLanguage,
        mayContact,
      }: FamilyReport['relatives'][number]) => ({
        name,
        relationship,
        contact,
        preferredLanguage,
        mayContact,
      });
      const [first, ...others] = r.relatives;
      const contact = without(first?.contact ?? {}, 'phone');
      return {
        relatives: z.array(relativeInput).parse([
          {
            ...(first ? asInput(first) : {}),
            name: a.relativeName,
            relationship: a.relationship,
            contact: { ...contact, ...(a.phone ? { phone: a.phone } : {}) },
          },
          ...others.map(asInput),
        ]),
      };
    }
  }
}

/** The pages /cases/:id/details/:section (the report's owner only, by the reports rules). */
export function reportDetailsPages(
  web: Web,
  deps: { reports: ReportsService; family: FamilyChannelService },
): Router {
  const r = Router();

  function target(req: Request): { id: string; section: DetailSection } {
    const id = uuid.safeParse(req.params.id);
    const section = req.params.section as DetailSection;
    if (!id.success || !DETAIL_SECTIONS.includes(section)) {
      throw new AppError('NOT_FOUND', 'Report not found');
    }
    return { id: id.data, section };
  }

  async function load(req: Request, id: string): Promise<FamilyReport> {
    const report = await deps.reports.get(need(req).user!.actor, id);
    // Only those who may change the report see its form (followers and others: not found).
    if (report.ownerId !== need(req).user!.actor.id) {
      throw new AppError('NOT_FOUND', 'Report not found');
    }
    return report as unknown as FamilyReport;
  }

  function page(
    req: Request,
    res: Response,
    t: { id: string; section: DetailSection },
    answers: DraftData,
    errors?: FieldErrors,
  ) {
    const { t: tr, csrf } = need(req);
    web.render(req, res, {
      status: errors ? 400 : 200,
      title: tr(`report.${t.section}.title`),
      body: html`<p>${tr('case.editIntro')}</p>
        ${errorSummary(errors, tr)}
        ${postForm(`/cases/${t.id}/details/${t.section}`, csrf, stepFields(req, t.section, answers, errors), { submit: tr('case.save') })}
        <p><a href="/cases/${t.id}#details">${tr('report.back')}</a></p>`,
    });
  }

  r.get('/cases/:id/details/:section', web.requireUser, async (req, res) => {
    const t = target(req);
    page(req, res, t, reportToAnswers(t.section, await load(req, t.id)));
  });

  r.post('/cases/:id/details/:section', web.requireUser, ...web.form, async (req, res) => {
    const t = target(req);
    const { t: tr, user } = need(req);
    const report = await load(req, t.id);
    const body = req.body as Record<string, unknown>;
    const answers: DraftData = {};
    for (const name of Object.keys(STEPS[t.section].shape)) {
      answers[name] = typeof body[name] === 'string' ? body[name].trim().slice(0, 5000) : '';
    }
    const checked = parseForm(STEPS[t.section], answers, tr, {
      'must be YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD (earliest first)':
        'report.lastSeen.dateFormat',
      'must not be in the future': 'report.lastSeen.future',
    });
    if (!checked.ok) {
      page(req, res, t, answers, checked.errors);
      return;
    }
    await deps.reports.update(user!.actor, t.id, answersToPatch(t.section, answers, report));
    // The contact point learns which part changed (not its content) in the case's thread.
    await deps.family.post(user!.actor, t.id, {
      body: tr('case.sectionChanged', { section: tr(`report.${t.section}.title`) }),
    });
    res.redirect(303, `/cases/${t.id}?saved=${t.section}#details`);
  });

  return r;
}

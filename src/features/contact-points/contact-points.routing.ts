// Routing a report to a contact point: a pure function of the candidates and the report's facts.

/** What routing looks at in a candidate contact point. */
export interface RoutingCandidate {
  id: string;
  countries: readonly string[];
  nationalities: readonly string[];
  languages: readonly string[];
  /** Earlier designations win ties, so routing is deterministic. */
  createdAt: Date;
}

/** What routing looks at in a report. */
export interface RoutingFacts {
  /** Nationalities of the missing person (any may match). */
  nationalities: readonly string[];
  /** The family's country of residence. */
  residence?: string | undefined;
  /** The family's language. */
  language?: string | undefined;
}

/** A routing decision with its explanation. */
export interface RoutingDecision<C extends RoutingCandidate> {
  contactPoint: C;
  score: number;
  reasons: string[];
}

/** Weights: a named nationality beats a named residence, which beats a shared language. */
const W = { nationality: 4, anyNationality: 1, residence: 2, anyResidence: 0.5, language: 1 };

/** Scores one candidate; null when it serves other nationalities only. */
export function scoreCandidate(
  c: RoutingCandidate,
  f: RoutingFacts,
): { score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let score = 0;
  const nat = f.nationalities.find((n) => c.nationalities.includes(n));
  if (nat) {
    score += W.nationality;
    reasons.push(`serves nationals of ${nat}`);
  } else if (c.nationalities.length === 0) {
    score += W.anyNationality;
    reasons.push('serves every nationality');
  } else {
    return null;
  }
  if (f.residence && c.countries.includes(f.residence)) {
    score += W.residence;
    reasons.push(`serves families living in ${f.residence}`);
  } else if (c.countries.length === 0) {
    score += W.anyResidence;
    reasons.push('serves families in any country');
  }
  if (f.language && c.languages.includes(f.language)) {
    score += W.language;
    reasons.push(`speaks ${f.language}`);
  }
  return { score, reasons };
}

/**
 * Picks the contact point for a report: the best-scoring candidate that serves the missing
 * person's nationality (or every nationality); ties go to the earliest designation. Undefined
 * when no candidate qualifies (the report then waits for a caseworker to assign it).
 */
export function routeReport<C extends RoutingCandidate>(
  candidates: readonly C[],
  facts: RoutingFacts,
): RoutingDecision<C> | undefined {
  let best: RoutingDecision<C> | undefined;
  for (const c of candidates) {
    const s = scoreCandidate(c, facts);
    if (!s) {
      continue;
    }
    const better =
      !best ||
      s.score > best.score ||
      (s.score === best.score && c.createdAt.getTime() < best.contactPoint.createdAt.getTime());
    if (better) {
      best = { contactPoint: c, ...s };
    }
  }
  return best;
}

import { expect } from 'chai';
import { routeReport, type RoutingCandidate } from '../../src/features/contact-points/index.js';

const cp = (id: string, over: Partial<RoutingCandidate> = {}, day = 1): RoutingCandidate => ({
  id,
  countries: [],
  nationalities: [],
  languages: ['en'],
  createdAt: new Date(Date.UTC(2026, 0, day)),
  ...over,
});

describe('contact points: routing function', () => {
  const eritrea = cp('eritrea', { nationalities: ['ER'], languages: ['ti', 'ar'] }, 3);
  const syriaFr = cp(
    'syria-fr',
    { nationalities: ['SY'], countries: ['FR'], languages: ['fr'] },
    2,
  );
  const syriaIt = cp(
    'syria-it',
    { nationalities: ['SY'], countries: ['IT'], languages: ['it'] },
    4,
  );
  const redCross = cp('red-cross', { languages: ['en', 'fr', 'ar', 'es'] }, 1);
  const all = [eritrea, syriaFr, syriaIt, redCross];

  it('prefers the contact point serving the nationality', () => {
    const d = routeReport(all, { nationalities: ['ER'], residence: 'IT', language: 'en' });
    expect(d?.contactPoint.id).to.equal('eritrea');
    expect(d?.reasons).to.include('serves nationals of ER');
  });

  it('uses the family’s country of residence between two for the same nationality', () => {
    expect(routeReport(all, { nationalities: ['SY'], residence: 'FR' })?.contactPoint.id).to.equal(
      'syria-fr',
    );
    expect(routeReport(all, { nationalities: ['SY'], residence: 'IT' })?.contactPoint.id).to.equal(
      'syria-it',
    );
  });

  it('uses the language when nationality and residence do not decide', () => {
    const a = cp('a', { nationalities: ['AF'], languages: ['ps'] }, 1);
    const b = cp('b', { nationalities: ['AF'], languages: ['fa'] }, 2);
    expect(
      routeReport([a, b], { nationalities: ['AF'], language: 'fa' })?.contactPoint.id,
    ).to.equal('b');
    expect(
      routeReport([a, b], { nationalities: ['AF'], language: 'ps' })?.contactPoint.id,
    ).to.equal('a');
  });

  it('falls back to a contact point serving every nationality', () => {
    const d = routeReport(all, { nationalities: ['GN'], residence: 'IT', language: 'fr' });
    expect(d?.contactPoint.id).to.equal('red-cross');
    expect(d?.reasons).to.include('serves every nationality');
  });

  it('matches any of several nationalities', () => {
    expect(routeReport(all, { nationalities: ['GN', 'ER'] })?.contactPoint.id).to.equal('eritrea');
  });

  it('returns nothing when no candidate serves the nationality', () => {
    expect(routeReport([eritrea, syriaFr], { nationalities: ['GN'] })).to.equal(undefined);
    expect(routeReport([], { nationalities: ['ER'] })).to.equal(undefined);
  });

  it('breaks ties by the earliest designation', () => {
    const later = cp('later', { nationalities: ['ER'] }, 9);
    const earlier = cp('earlier', { nationalities: ['ER'] }, 2);
    expect(routeReport([later, earlier], { nationalities: ['ER'] })?.contactPoint.id).to.equal(
      'earlier',
    );
  });
});

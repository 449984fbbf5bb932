/** The one password of every demo account (stated in the README). */
export const DEMO_PASSWORD = 'Ariadne-demo-2026';

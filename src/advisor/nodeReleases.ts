/**
 * End of life of each Node.js major release, from the release schedule of the Node.js project
 * (github.com/nodejs/Release, schedule.json): even majors end three years after their April
 * release, odd majors on the 1st of June after the next even one. Dates are UTC; add each new major.
 */
export const nodeEndOfLife: Readonly<Record<number, string>> = {
  14: '2023-04-30',
  16: '2023-09-11',
  17: '2022-06-01',
  18: '2025-04-30',
  19: '2023-06-01',
  20: '2026-04-30',
  21: '2024-06-01',
  22: '2027-04-30',
  23: '2025-06-01',
  24: '2028-04-30',
  25: '2026-06-01',
  26: '2029-04-30',
};

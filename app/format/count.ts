/** Counts in the admin's English pages: "1,250", "1 finding", "2 findings". */
export const count = (n: number) => n.toLocaleString("en-US");

export const counted = (n: number, singular: string, plural = `${singular}s`) =>
  `${count(n)} ${n === 1 ? singular : plural}`;

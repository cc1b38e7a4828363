/** A bench of `npm run bench`: prints its figures line by line; resolves to whether its targets were met. */
export interface Bench {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<boolean>;
}

/** "1.2 MB", "180 KB", "900 B" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (abs >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

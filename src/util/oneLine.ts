/**
 * Log lines and event descriptions are single lines: the SDK's pretty
 * printer shows a message with line breaks as an empty line.
 */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

import Papa from "papaparse";

/** The delimiters spreadsheets export: comma, semicolon (locales with a decimal comma), tab. */
export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface ParsedCsv {
  rows: string[][];
  /** The delimiter found (a file of one column reads as comma-separated). */
  delimiter: CsvDelimiter;
  /** Malformed quoting, by 1-based data row (the header is row 0). */
  problems: { row: number; message: string }[];
}

/**
 * Delimited text as rows of cells (RFC 4180 quoting: "" escapes, delimiters and newlines inside
 * quotes; CRLF, LF or CR), through papaparse. The delimiter is detected from the first rows: of
 * comma, semicolon and tab, the one that splits them into the same number of cells. A byte-order
 * mark and empty lines are dropped; a stray quote inside an unquoted cell stays text.
 */
export function parseCsv(text: string, { maxRows }: { maxRows?: number } = {}): ParsedCsv {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // A header without any delimiter names one column: its cells are read whole, so "1,5" in a
  // decimal-comma locale stays "1,5" instead of being split (and half of it dropped).
  const header = input.slice(0, input.search(/\r|\n|$/));
  const oneColumn = !CSV_DELIMITERS.some((d) => header.includes(d));
  const result = Papa.parse<string[]>(input, {
    delimiter: oneColumn ? "\u001f" : "",
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: true,
    // Header + one row past the limit is enough to refuse a file that is too long, without
    // building millions of rows first.
    ...(maxRows !== undefined && { preview: maxRows + 2 }),
  });
  const problems = result.errors
    .filter((e) => e.type === "Quotes")
    .map((e) => ({
      row: e.row ?? 0,
      message: e.code === "MissingQuotes" ? "a quoted cell is never closed" : e.message,
    }));
  const delimiter = oneColumn
    ? ","
    : (CSV_DELIMITERS as readonly string[]).includes(result.meta.delimiter)
      ? (result.meta.delimiter as CsvDelimiter)
      : ",";
  // Export writes text that starts like a formula with a ' in front (see export.ts): undo it.
  const rows = result.data.map((cells) =>
    cells.map((c) => (/^'[=+\-@\t\r]/.test(c) ? c.slice(1) : c)),
  );
  return { rows, delimiter, problems };
}

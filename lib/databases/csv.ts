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
export function parseCsv(text: string): ParsedCsv {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result = Papa.parse<string[]>(input, {
    delimiter: "",
    delimitersToGuess: [...CSV_DELIMITERS],
    skipEmptyLines: true,
  });
  const problems = result.errors
    .filter((e) => e.type === "Quotes")
    .map((e) => ({
      row: e.row ?? 0,
      message: e.code === "MissingQuotes" ? "a quoted cell is never closed" : e.message,
    }));
  const delimiter = (CSV_DELIMITERS as readonly string[]).includes(result.meta.delimiter)
    ? (result.meta.delimiter as CsvDelimiter)
    : ",";
  return { rows: result.data, delimiter, problems };
}

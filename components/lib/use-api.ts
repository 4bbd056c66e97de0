"use client";

import { useEffect, useState } from "react";
import { api, ApiError } from "./api";

/** GETs `url` whenever it changes (or on reload()), keeping the last data while the next loads. */
export function useApi<T>(url: string, fallbackError: string) {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({
    data: null,
    error: null,
  });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    api<T>(url).then(
      (data) => live && setState({ data, error: null }),
      (err: unknown) =>
        live &&
        setState((s) => ({
          data: s.data,
          error: err instanceof ApiError ? err.message : fallbackError,
        })),
    );
    return () => {
      live = false;
    };
  }, [url, version, fallbackError]);
  return { ...state, reload: () => setVersion((v) => v + 1) };
}

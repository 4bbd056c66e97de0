import { z } from "zod";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path id can be a row id at all: anything else is answered 404 without a query. */
export const isUuid = (id: string): boolean => UUID.test(id);

/**
 * An id in a service input. Any string is accepted here on purpose: one that is malformed, too
 * long, unknown or someone else's is "not found" alike (404, decided by the ownership helper),
 * never a validation error that would tell a well-formed id from a taken one.
 */
export const idInput = (description: string) => z.string().describe(description);

/** The project an input belongs to (shared by every project-scoped service). */
export const ProjectIdInput = idInput("The project's id");

export * from "./users";
export * from "./api-keys";
export * from "./projects";
export * from "./project-members";
export * from "./audit-log";
export * from "./ai-requests";
export * from "./ai-models";
export * from "./conversations";

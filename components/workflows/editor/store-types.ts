import type { Connection, EdgeChange, NodeChange } from "@xyflow/react";
import type { GraphIssue, NodeRunStatus } from "../types";
import type { Clip } from "./clipboard";
import type { FlowEdge, FlowNode, RawGraph } from "./convert";
import type { History } from "./history";

export type SaveState = "saved" | "dirty" | "saving" | "error" | "conflict";

export interface EditorState {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly: boolean;
  issues: GraphIssue[];
  /** Issue count per node id: a primitive per node, so a node re-renders only when its own changes. */
  issueCount: Record<string, number>;
  runStatuses: Record<string, NodeRunStatus>;
  selectedIds: string[];
  history: History;
  clip: Clip | null;
  revision: number;
  save: SaveState;
  saveError: string | null;
  /** Bumped on every change that must be saved; autosave watches it. */
  changeSeq: number;
  /** A short message for the user (a refused connection); `seq` re-shows the same text. */
  notice: { text: string; seq: number } | null;
  /** A node the canvas should centre on. */
  focus: { id: string; seq: number } | null;
}

export interface EditorActions {
  onNodesChange(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<FlowEdge>[]): void;
  connect(c: Connection): boolean;
  checkConnection(c: Connection | FlowEdge): string | null;
  addNode(type: string, position: { x: number; y: number }): string;
  updateConfig(nodeId: string, config: Record<string, unknown>): void;
  setLabel(nodeId: string, label: string): void;
  /** Renames a node (and its edges); the reason when the id is not allowed. */
  renameNode(nodeId: string, next: string): string | null;
  deleteSelected(): void;
  selectAll(): void;
  select(nodeId: string | null, focus?: boolean): void;
  copy(): void;
  paste(): void;
  duplicate(): void;
  undo(): void;
  redo(): void;
  layout(): void;
  load(graph: RawGraph, revision: number): void;
  setRunStatuses(statuses: Record<string, NodeRunStatus>): void;
  setSave(save: SaveState, error?: string | null, revision?: number): void;
  notify(text: string): void;
}

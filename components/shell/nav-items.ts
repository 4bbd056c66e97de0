import type { ComponentType, SVGProps } from "react";
import {
  ChartIcon,
  ChatIcon,
  FlowIcon,
  FolderIcon,
  HomeIcon,
  InboxCheckIcon,
  ShieldIcon,
} from "./icons";

export interface NavItem {
  href: string;
  label: string;
  description: string;
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** False while the section is still a "coming soon" page. */
  ready: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  {
    href: "/",
    label: "Dashboard",
    description: "System status and where to start.",
    ready: true,
    icon: HomeIcon,
  },
  {
    href: "/chat",
    label: "Chat",
    description: "Talk to the smart router: the best model per task, cached and costed.",
    ready: true,
    icon: ChatIcon,
  },
  {
    href: "/projects",
    label: "Projects",
    description: "Documents, typed databases and chats, shared with your team.",
    ready: true,
    icon: FolderIcon,
  },
  {
    href: "/workflows",
    label: "Workflows",
    description: "Build AI pipelines visually and run them on the server.",
    ready: true,
    icon: FlowIcon,
  },
  {
    href: "/approvals",
    label: "Approvals",
    description: "Workflow runs waiting for your decision.",
    ready: true,
    icon: InboxCheckIcon,
  },
  {
    href: "/analytics",
    label: "Analytics",
    description: "Requests, tokens, cost, latency and cache hit rate over time.",
    ready: false,
    icon: ChartIcon,
  },
  {
    href: "/admin",
    label: "Admin",
    description: "Users, roles, API keys, audit log and the model catalogue.",
    ready: true,
    icon: ShieldIcon,
  },
];

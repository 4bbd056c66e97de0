import type { Metadata } from "next";
import { Suspense } from "react";
import { ChatApp } from "@/components/chat/chat-app";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-session";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage() {
  await requirePageUser("/chat");
  // Wide screens: exactly the window's height (less the main area's padding), so the thread
  // scrolls inside it and the composer stays below the thread.
  return (
    <div className="flex min-w-0 flex-col md:h-[calc(100dvh-5rem)]">
      <PageHeader
        title="Chat"
        description="One chat, every provider: each question is routed to the model that suits it, with the reason, cost and cache status on every answer."
      />
      <Suspense>
        <ChatApp />
      </Suspense>
    </div>
  );
}

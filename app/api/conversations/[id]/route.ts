import { deleteConversation, getConversation, renameConversation } from "@/lib/chat";
import { RenameConversationBody } from "@/lib/chat/schemas";
import { route } from "@/lib/http/route";

// GET /api/conversations/:id – one conversation with its messages
export const GET = route({}, async ({ ctx, params }) =>
  getConversation({ ctx, input: { id: params.id } }),
);

// PATCH /api/conversations/:id – rename
export const PATCH = route(
  { body: RenameConversationBody, maxBodyBytes: 8 * 1024 },
  async ({ ctx, params, body }) => renameConversation({ ctx, input: { ...body, id: params.id } }),
);

// DELETE /api/conversations/:id – delete it and its messages
export const DELETE = route({}, async ({ ctx, params }) => {
  await deleteConversation({ ctx, input: { id: params.id } });
  return new Response(null, { status: 204 });
});

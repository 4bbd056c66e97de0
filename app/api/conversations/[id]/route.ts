import { RenameConversationInput } from "@/lib/ai/schemas";
import { deleteConversation, getConversation, renameConversation } from "@/lib/chat";
import { route } from "@/lib/http/route";

type P = { id: string };

// GET /api/conversations/:id – one conversation with its messages
export const GET = route<undefined, undefined, P>({}, async ({ ctx, params }) =>
  getConversation({ ctx, id: params.id }),
);

// PATCH /api/conversations/:id – rename
export const PATCH = route<RenameConversationInput, undefined, P>(
  { body: RenameConversationInput, maxBodyBytes: 8 * 1024 },
  async ({ ctx, params, body }) => ({
    conversation: await renameConversation({ ctx, id: params.id, input: body }),
  }),
);

// DELETE /api/conversations/:id – delete it and its messages
export const DELETE = route<undefined, undefined, P>({}, async ({ ctx, params }) => {
  await deleteConversation({ ctx, id: params.id });
  return new Response(null, { status: 204 });
});

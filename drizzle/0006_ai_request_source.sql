-- Earlier rows carry no source: those made with an API key came through the API, the rest from the
-- signed-in app (its chat). New rows always name theirs, so the column keeps no default.
ALTER TABLE "ai_requests" ADD COLUMN "source" text;--> statement-breakpoint
UPDATE "ai_requests" SET "source" = CASE WHEN "api_key_id" IS NOT NULL THEN 'api' ELSE 'chat' END;--> statement-breakpoint
ALTER TABLE "ai_requests" ALTER COLUMN "source" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_requests" ADD COLUMN "workflow_run_id" uuid;--> statement-breakpoint
ALTER TABLE "ai_requests" ADD COLUMN "workflow_step_id" uuid;--> statement-breakpoint
CREATE INDEX "ai_requests_workflow_run_idx" ON "ai_requests" USING btree ("workflow_run_id") WHERE "ai_requests"."workflow_run_id" is not null;--> statement-breakpoint
ALTER TABLE "ai_requests" ADD CONSTRAINT "ai_requests_source_valid" CHECK ("ai_requests"."source" in ('chat', 'api', 'workflow', 'mcp'));

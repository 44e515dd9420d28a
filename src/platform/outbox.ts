/** One message a sandbox adapter "sent" (an SMS or an email), as `GET /v1/admin/outbox` lists it. */
export interface OutboxItem {
  readonly id: string;
  readonly channel: 'sms' | 'email';
  readonly to: string;
  readonly subject: string | null;
  readonly text: string;
  readonly status: 'sent' | 'delivered' | 'failed';
  readonly created_at: string;
  readonly attachments: ReadonlyArray<{ filename: string; content_type: string; size: number }>;
  /** The hub whose customer it went to, for the hub's messages. */
  readonly hubId?: string;
}

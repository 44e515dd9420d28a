/** A small JSON client of the app for the bench: every answer's status and body. */
export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export function client(baseUrl: string, headers: Record<string, string>) {
  const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    try {
      return await once(method, path, body);
    } catch {
      // A kept-alive socket the server closed while idle: sent again once (orders are idempotent by order_id).
      return once(method, path, body);
    }
  };
  const once = async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  return {
    get: (path: string) => send('GET', path),
    post: (path: string, body: unknown) => send('POST', path, body),
  };
}
export type Client = ReturnType<typeof client>;

export async function expect201(what: string, answer: Promise<Answer>): Promise<Record<string, unknown>> {
  const { status, body } = await answer;
  if (status !== 201) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body.data as Record<string, unknown>;
}

/** A running promotion offering `skus` with a budget no bench run can spend. */
export async function promotion(program: Client, skus: readonly string[]): Promise<string> {
  const data = await expect201(
    'POST /v1/promotions',
    program.post('/v1/promotions', {
      data: {
        name: 'Bench',
        start_datetime: '2020-01-01T00:00:00Z',
        end_datetime: '2099-01-01T00:00:00Z',
        rewards: skus.map((sku) => ({ sku })),
        authentication_systems: ['none'],
        budget: { amount: '900000000.00', currency: 'EUR' },
      },
    }),
  );
  return String(data.id);
}

export const orderOf = (promotionId: string, orderId: string, sku = 'SANDBOX-GIFT-10EUR') => ({
  data: { order_id: orderId, promotion_id: promotionId, reward: { sku }, delivery: { method: 'none' } },
});

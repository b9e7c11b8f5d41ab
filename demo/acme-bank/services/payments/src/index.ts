import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyRequestSignature } from '@acme/security';
import { refundPayment, RefundError } from './refunds';

const port = Number(process.env.PORT ?? 8080);

async function readJson(req: IncomingMessage): Promise<unknown> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) {
		chunks.push(chunk as Buffer);
	}
	return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

const server = createServer(async (req, res) => {
	if (!verifyRequestSignature(req.headers)) {
		send(res, 401, { code: 'unauthorized', message: 'Missing or invalid request signature.' });
		return;
	}
	const refundRoute = /^\/v2\/payments\/([\w-]+)\/refunds$/.exec(req.url ?? '');
	if (req.method === 'POST' && refundRoute) {
		try {
			const body = (await readJson(req)) as { amount: { value: string; currency: string }; reason?: string };
			const idempotencyKey = String(req.headers['idempotency-key'] ?? '');
			const refund = await refundPayment(refundRoute[1], body.amount, idempotencyKey, body.reason);
			send(res, 201, refund);
		} catch (error) {
			if (error instanceof RefundError) {
				send(res, error.status, { code: error.code, message: error.message });
				return;
			}
			send(res, 500, { code: 'internal', message: 'Unexpected error.' });
		}
		return;
	}
	send(res, 404, { code: 'not_found', message: 'No such route.' });
});

server.listen(port, () => {
	console.log(`payments listening on :${port}`);
});

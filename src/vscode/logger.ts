import * as vscode from 'vscode';
import { outputChannelName } from './constants';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** One line as the extension logged it, with its level (kept only while a test captures). */
export interface LogLine {
	level: LogLevel;
	message: string;
}

/**
 * The extension's only output channel. It is never revealed automatically: the log is for people
 * who go looking, not a place to push messages at users.
 */
export class Logger implements vscode.Disposable {
	private readonly channel: vscode.LogOutputChannel;
	/** Tests only: the last lines logged, bounded; undefined (nothing kept) unless a test asks. */
	private captureBuffer: { limit: number; lines: LogLine[] } | undefined;

	constructor() {
		this.channel = vscode.window.createOutputChannel(outputChannelName, { log: true });
	}

	/**
	 * Tests only: keeps the last `limit` lines (every level, whatever the channel's level) in memory
	 * from now on, dropping what was kept before; 0 stops capturing.
	 */
	capture(limit: number): void {
		this.captureBuffer = limit > 0 ? { limit, lines: [] } : undefined;
	}

	/** The captured lines, oldest first (empty when not capturing). */
	get captured(): readonly LogLine[] {
		return this.captureBuffer ? [...this.captureBuffer.lines] : [];
	}

	trace(message: string): void {
		this.record('trace', message);
		this.channel.trace(message);
	}

	/** Personal data (the user's e-mail) may only be logged here, never at info or above. */
	debug(message: string): void {
		this.record('debug', message);
		this.channel.debug(message);
	}

	info(message: string): void {
		this.record('info', message);
		this.channel.info(message);
	}

	warn(message: string): void {
		this.record('warn', message);
		this.channel.warn(message);
	}

	error(message: string | Error): void {
		this.record('error', typeof message === 'string' ? message : (message.stack ?? message.message));
		this.channel.error(message);
	}

	/** Keeps what a test captured: lines logged after dispose are how it sees work that should not happen. */
	dispose(): void {
		this.channel.dispose();
	}

	private record(level: LogLevel, message: string): void {
		const buffer = this.captureBuffer;
		if (!buffer) {
			return;
		}
		buffer.lines.push({ level, message });
		if (buffer.lines.length > buffer.limit) {
			buffer.lines.splice(0, buffer.lines.length - buffer.limit);
		}
	}
}

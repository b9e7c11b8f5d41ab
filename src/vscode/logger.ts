import * as vscode from 'vscode';
import { outputChannelName } from './constants';

/**
 * The extension's only output channel. It is never revealed automatically: the log is for people
 * who go looking, not a place to push messages at users.
 */
export class Logger implements vscode.Disposable {
	private readonly channel: vscode.LogOutputChannel;

	constructor() {
		this.channel = vscode.window.createOutputChannel(outputChannelName, { log: true });
	}

	trace(message: string): void {
		this.channel.trace(message);
	}

	/** Personal data (the user's e-mail) may only be logged here, never at info or above. */
	debug(message: string): void {
		this.channel.debug(message);
	}

	info(message: string): void {
		this.channel.info(message);
	}

	warn(message: string): void {
		this.channel.warn(message);
	}

	error(message: string | Error): void {
		this.channel.error(message);
	}

	dispose(): void {
		this.channel.dispose();
	}
}

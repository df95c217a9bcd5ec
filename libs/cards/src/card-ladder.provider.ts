import { type Provider } from '@nestjs/common';
import { AppConfig } from '../../platform/src/config/app-config.js';
import { loadCardLadder } from './card-ladder.loader.js';

/** The ladder in force, read and validated once at boot. */
export const CARD_LADDER = Symbol('CARD_LADDER');

export const cardLadderProvider: Provider = {
  provide: CARD_LADDER,
  inject: [AppConfig],
  useFactory: (config: AppConfig) =>
    config.CARD_LADDER_FILE ? loadCardLadder(config.CARD_LADDER_FILE) : loadCardLadder(),
};

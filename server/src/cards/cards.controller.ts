import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IssueCardDto, type CardResponse, type IssuedCardResponse } from '@tessera/contracts';
import { HEALTH_CARD_FILE_MEDIA_TYPE } from '@tessera/shc-core';
import { RequirePermission } from '../common/auth-metadata';
import { CardDownloadsService } from './card-downloads.service';
import { CardsService } from './cards.service';

const NO_STORE = ['Cache-Control', 'no-store'] as const;
const uuid = () => new ParseUUIDPipe();

function download(body: Buffer | string, type: string, disposition: 'inline' | 'attachment', filename: string): StreamableFile {
  return new StreamableFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, {
    type, disposition: `${disposition}; filename="${filename}"`,
  });
}

/** Card issuance and downloads. Every answer holds PHI: none may be cached. */
@ApiTags('cards')
@Controller()
export class CardsController {
  constructor(private readonly cards: CardsService, private readonly downloads: CardDownloadsService) {}

  @Post('cards')
  @RequirePermission('card:issue')
  @Header(...NO_STORE)
  issue(@Body() dto: IssueCardDto): Promise<IssuedCardResponse> {
    return this.cards.issueByStaff(dto);
  }

  @Get('persons/:personId/cards')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  list(@Param('personId', uuid()) personId: string): Promise<CardResponse[]> {
    return this.cards.listForPerson(personId);
  }

  @Get('cards/:id')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  get(@Param('id', uuid()) id: string): Promise<IssuedCardResponse> {
    return this.downloads.qrText(id);
  }

  @Get('cards/:id/file')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  async file(@Param('id', uuid()) id: string): Promise<StreamableFile> {
    const f = await this.downloads.file(id);
    return download(f.body, HEALTH_CARD_FILE_MEDIA_TYPE, 'attachment', f.filename);
  }

  @Get('cards/:id/qr.png')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  async png(@Param('id', uuid()) id: string): Promise<StreamableFile> {
    const f = await this.downloads.png(id);
    return download(f.body, 'image/png', 'inline', f.filename);
  }

  @Get('cards/:id/qr.svg')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  async svg(@Param('id', uuid()) id: string): Promise<StreamableFile> {
    const f = await this.downloads.svg(id);
    return download(f.body, 'image/svg+xml', 'attachment', f.filename);
  }

  @Get('cards/:id/card.pdf')
  @RequirePermission('card:read')
  @Header(...NO_STORE)
  async pdf(@Param('id', uuid()) id: string): Promise<StreamableFile> {
    const f = await this.downloads.pdf(id);
    return download(f.body, 'application/pdf', 'attachment', f.filename);
  }
}

import { Controller, Header, HttpCode, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CardInspectionResponse } from '@tessera/contracts';
import { RequirePermission } from '../common/auth-metadata';
import { CardInspectorService } from './card-inspector.service';
import { readInspectionInput } from './inspection-input';

@ApiTags('cards')
@Controller('card-inspections')
export class CardInspectionsController {
  constructor(private readonly inspector: CardInspectorService) {}

  /**
   * JSON `{ "text": … }` (a shc:/ text, a JWS or a .smart-health-card file's text), or a raw upload of at most 5 MB:
   * a PNG/JPEG image of the QR (image/png, image/jpeg or application/octet-stream) or a card file. 200 with findings
   * for anything readable as a card, 422 for input that is not one. A computation, not a resource: 200, not 201.
   */
  @Post()
  @HttpCode(200)
  @RequirePermission('card:inspect')
  @Header('Cache-Control', 'no-store')
  async inspect(@Req() req: Request): Promise<CardInspectionResponse> {
    return this.inspector.inspect(await readInspectionInput(req));
  }
}

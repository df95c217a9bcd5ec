import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type Request, type Response } from 'express';
import { Public } from '../../../identity/src/auth.decorators.js';
import { DubanError } from '../../../platform/src/errors/duban-error.js';
import { CreatesResourceAt } from '../../../platform/src/http/created-location.js';
import { RequestId } from '../../../platform/src/logging/request-id.decorator.js';
import { AnswerQuestionDto, ReceiptDto, SubmitComplaintDto } from '../dto/complaint.dto.js';
import { PublicComplaintsService } from './public-complaints.service.js';

const TOO_MANY = {
  status: 429,
  description: 'Too many requests from this address, or wrong secrets for this receipt (Retry-After)',
};

/** A refused attempt tells the client when to come back. */
async function withRetryAfter<T>(response: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const seconds = err instanceof DubanError ? err.details.retryAfterSeconds : undefined;
    if (typeof seconds === 'number') response.setHeader('Retry-After', String(seconds));
    throw err;
  }
}

/** The client's address (the proxy's view of it when Express is told to trust one). */
const addressOf = (request: Request) => request.ip ?? 'unknown';

/**
 * The public face of complaints and reports (投诉举报): no account. The receipt code and secret travel
 * in bodies only, never in URLs, so no access log or proxy ever holds them.
 */
@ApiTags('public complaints and reports (投诉举报)')
@Controller('public/complaints')
export class PublicComplaintsController {
  constructor(private readonly complaints: PublicComplaintsService) {}

  @Post()
  @Public()
  @CreatesResourceAt('/public/complaints/status')
  @ApiOperation({
    summary:
      'File a complaint (投诉) or report (举报), anonymous or named; answers the receipt code and the follow-up secret (shown once)',
  })
  @ApiCreatedResponse({
    description: 'receipt code, secret, status; Location: the route to follow the report',
  })
  @ApiResponse(TOO_MANY)
  submit(
    @Body() dto: SubmitComplaintDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @RequestId() requestId: string,
  ) {
    return withRetryAfter(response, () => this.complaints.submit(dto, addressOf(request), requestId));
  }

  @Post('status')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'With receipt code and secret: the report’s status, questions and outcome, nothing else',
  })
  @ApiOkResponse({ description: 'status, questions with answers, outcome kind, reward status' })
  @ApiResponse({ status: 404, description: 'No report matches this receipt code and secret' })
  @ApiResponse(TOO_MANY)
  status(@Body() dto: ReceiptDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return withRetryAfter(response, () => this.complaints.status(dto, addressOf(request)));
  }

  @Post('answers')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'With receipt code and secret: answer a case worker’s question' })
  @ApiOkResponse({ description: 'the reporter’s view after the answer' })
  @ApiResponse({
    status: 404,
    description: 'No report matches this receipt code and secret, or no such question',
  })
  @ApiResponse(TOO_MANY)
  answer(
    @Body() dto: AnswerQuestionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @RequestId() requestId: string,
  ) {
    return withRetryAfter(response, () => this.complaints.answer(dto, addressOf(request), requestId));
  }

  @Post('reward-claim')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'With receipt code and secret: claim an approved reward (举报奖励)' })
  @ApiOkResponse({ description: 'the reporter’s view with the reward claimed' })
  @ApiResponse({ status: 404, description: 'No report matches this receipt code and secret' })
  @ApiResponse(TOO_MANY)
  claim(
    @Body() dto: ReceiptDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @RequestId() requestId: string,
  ) {
    return withRetryAfter(response, () => this.complaints.claimReward(dto, addressOf(request), requestId));
  }
}
